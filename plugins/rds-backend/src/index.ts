export { rdsPlugin as default } from './plugin';
