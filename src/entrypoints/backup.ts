import { runBackupAction } from '../action/run.js';
void runBackupAction();
