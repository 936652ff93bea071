import fs from 'node:fs';
import { buildApps } from './build/build-apps';
import { catalogTopicsFile, catalogTopicsJson } from './chart/catalog-topics-file';
import { baseManifestsFile, kustomizeBase } from './kustomize/kustomize-base';
import { ensureDeployTools } from './tooling/deploy-tools';

const usage = `Usage: tsx tools/deploy/src/main.ts <command>

  build      bundle every deployable app into dist/apps/<app>/main.js (what the image runs)
  generate   write what is generated from the catalog and the chart: the chart's
             files/catalog-topics.json, then the Kustomize base k8s/base/fieldline.yaml
`;

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'build': {
      const bundles = await buildApps();
      process.stdout.write(`built ${bundles.join(', ')}\n`);
      return 0;
    }
    case 'generate': {
      fs.writeFileSync(catalogTopicsFile, catalogTopicsJson());
      const tools = await ensureDeployTools();
      fs.writeFileSync(baseManifestsFile, await kustomizeBase(tools));
      process.stdout.write(`wrote ${catalogTopicsFile}\nwrote ${baseManifestsFile}\n`);
      return 0;
    }
    default:
      process.stderr.write(usage);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

main(process.argv[2]).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`deploy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
