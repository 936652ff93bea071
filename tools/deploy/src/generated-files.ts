import { serviceApps } from './build/build-apps';
import { catalogTopicsFile, catalogTopicsJson } from './chart/catalog-topics-file';
import { valuesSchemaFile, valuesSchemaJson } from './chart/values-schema';
import { baseManifestsFile, kustomizeBase } from './kustomize/kustomize-base';
import type { DeployTools } from './tooling/deploy-tools';

export interface GeneratedFile {
  readonly file: string;
  readonly source: string;
  contents(tools: Pick<DeployTools, 'helm'>): Promise<string>;
}

/**
 * What `npm run deploy:generate` writes, in order (the Kustomize base renders the chart with
 * the other two in place); a test fails when a committed file differs from a fresh one.
 */
export const generatedFiles: readonly GeneratedFile[] = [
  {
    file: catalogTopicsFile,
    source: 'the topic catalog',
    contents: async () => catalogTopicsJson(),
  },
  {
    file: valuesSchemaFile,
    source: 'tools/deploy/src/chart/values-schema.ts',
    contents: async () => valuesSchemaJson(serviceApps()),
  },
  { file: baseManifestsFile, source: 'the Helm chart', contents: kustomizeBase },
];
