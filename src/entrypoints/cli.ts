import { main } from '../hosts/cli.js';

void main();
