import { runRestoreAction } from '../action/run.js';
void runRestoreAction();
