import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './generated-files';
import { repoRoot } from './repo-root';
import { installedDeployTools } from './tooling/deploy-tools';

const tools = installedDeployTools();

it.each(generatedFiles.map((generated) => [path.relative(repoRoot, generated.file), generated]))(
  '%s is in step with what it is generated from',
  async (_name, generated) => {
    const fresh = await generated.contents(tools);
    const committed = fs.readFileSync(generated.file, 'utf8');
    expect({
      file: path.relative(repoRoot, generated.file),
      state:
        committed === fresh
          ? 'in step'
          : `differs from ${generated.source}: run \`npm run deploy:generate\` and commit it`,
    }).toEqual({ file: path.relative(repoRoot, generated.file), state: 'in step' });
  },
);
