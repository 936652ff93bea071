import fs from 'node:fs';
import path from 'node:path';
import { loadContracts, repoRoot } from './load-contracts';
import { renderAsyncApi } from './render/asyncapi';
import { renderCatalog } from './render/catalog';
import { renderEventDocs } from './render/event-docs';
import { recordVersions } from './released';
import { renderTypes } from './render/types';

/** Every generated file, by path relative to the repository root, with its content. */
export function generateContracts(root = repoRoot): Map<string, string> {
  const { sources, topics, expanded } = loadContracts(root);
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const versions = recordVersions(root, [...expanded.keys()], expanded);
  return new Map([
    ['libs/contracts/src/generated/events.ts', renderTypes(sources, topics)],
    ['libs/contracts/src/generated/catalog.ts', renderCatalog(topics, expanded, versions)],
    ['docs/events.md', renderEventDocs(topics, expanded)],
    ['docs/asyncapi.yaml', renderAsyncApi(topics, expanded, version)],
  ]);
}

/** Files whose content on disk differs from what the sources generate. */
export function staleFiles(root = repoRoot): string[] {
  return [...generateContracts(root)]
    .filter(([file, content]) => {
      const target = path.join(root, file);
      return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== content;
    })
    .map(([file]) => file);
}
