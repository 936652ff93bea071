import { ensureDeployTools } from './deploy-tools';

/** Jest global setup: install Helm, kubernetes-validate and hadolint once, before any test. */
export default async function globalSetup(): Promise<void> {
  await ensureDeployTools();
}
