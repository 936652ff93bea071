// Jest runs a global setup without the preset's path aliases; tsx resolves them from tsconfig.
const { register } = require('tsx/cjs/api');

module.exports = async function globalSetup() {
  const unregister = register();
  try {
    await require('./deploy-tools.ts').ensureDeployTools();
  } finally {
    unregister();
  }
};
