import path from 'node:path';
import { runAdminAction } from '../action/admin.js';
// one bundle for the sub-actions: dist/admin/<verb>.js imports it, and the file name is the verb
void runAdminAction(path.basename(process.argv[1] ?? '', '.js'));
