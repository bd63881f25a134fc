/** Write the first N stress rows to stdout as JSON (input of scripts/reference.py --stress). */
import { stressSet } from "./stress";

const n = Number(process.argv[process.argv.indexOf("--write-stress-params") + 1] ?? 2000);
process.stdout.write(JSON.stringify(stressSet(n)));
