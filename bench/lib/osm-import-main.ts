/**
 * Child process of bench/osm-import.ts: imports one OSM file into a network
 * artefact (`importOsm`, no atlas snapping) and prints the manifest as JSON;
 * with `--noop` it loads the same modules and does nothing, to measure the
 * bare process the import runs in.
 */
import { importOsm } from '../../src/network/osm/import.ts';

const [file, dir] = process.argv.slice(2);
if (file !== '--noop') {
  const r = await importOsm([file], { name: 'bench', dir });
  console.log(JSON.stringify(r.manifest));
} else {
  console.log('{}');
}
