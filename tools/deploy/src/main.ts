import fs from 'node:fs';
import { buildApps } from './build/build-apps';
import { generatedFiles } from './generated-files';
import { ensureDeployTools } from './tooling/deploy-tools';

const usage = `Usage: tsx tools/deploy/src/main.ts <command>

  build      bundle every deployable app into dist/apps/<app>/main.js (what the image runs)
  generate   write what is generated: the chart's files/catalog-topics.json (from the
             catalog) and values.schema.json, then the Kustomize base k8s/base/fieldline.yaml
             (the chart rendered)
`;

async function main(command: string | undefined): Promise<number> {
  switch (command) {
    case 'build': {
      const bundles = await buildApps();
      process.stdout.write(`built ${bundles.join(', ')}\n`);
      return 0;
    }
    case 'generate': {
      const tools = await ensureDeployTools();
      for (const generated of generatedFiles) {
        fs.writeFileSync(generated.file, await generated.contents(tools));
        process.stdout.write(`wrote ${generated.file}\n`);
      }
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
