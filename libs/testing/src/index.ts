export { uniqueName } from './unique-name';
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';
export { createCleanup } from './cleanup';
export { testEndpoints } from './stack-endpoints';
export type { TestEndpoints } from './stack-endpoints';
