import { runValidateAction } from '../action/run.js';
void runValidateAction();
