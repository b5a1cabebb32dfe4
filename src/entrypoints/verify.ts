import { runVerifyAction } from '../action/run.js';
void runVerifyAction();
