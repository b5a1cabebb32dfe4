import path from 'node:path';
import { runAdminAction } from '../action/admin.js';
import { runBackupAction, runCheckAction, runRestoreAction, runValidateAction, runVerifyAction } from '../action/run.js';
// one bundle for every action: <folder>/action.yml runs dist/action/<verb>.js, which imports it; the file name is the verb
const verb = path.basename(process.argv[1] ?? '', '.js');
const actions: Record<string, () => Promise<void>> = {
  backup: runBackupAction, restore: runRestoreAction, verify: runVerifyAction, validate: runValidateAction, check: runCheckAction,
};
void (actions[verb] ?? (() => runAdminAction(verb)))();
