import { main } from './main.js';

const code = main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
