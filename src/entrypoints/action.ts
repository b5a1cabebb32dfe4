import path from 'node:path';
import { runAction } from '../hosts/action.js';

// one bundle for every action: <folder>/action.yml runs dist/action/<verb>.js, which imports it; the file name is the verb
void runAction(path.basename(process.argv[1] ?? '', '.js'));
