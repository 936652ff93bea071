export { buildApps, bundleFile, bundlePath, imageApps } from './build/build-apps';
