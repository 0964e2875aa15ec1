#!/usr/bin/env node
/** The `ppadmin` executable: runs the command line and exits with its code (open sockets and timers do not keep it alive). */
import { main } from "./main.js";

void main(process.argv.slice(2)).then((code) => process.exit(code));
