export { buildApps, bundleEntry, bundleFile, bundlePath, imageApps } from './build/build-apps';
