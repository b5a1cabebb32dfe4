import { runCheckAction } from '../action/run.js';
void runCheckAction();
