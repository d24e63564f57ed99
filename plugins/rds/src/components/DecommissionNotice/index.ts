export { DecommissionButton, DecommissionNotice } from './DecommissionNotice';
export { decommissionLabel, decommissionOf } from './decommissionSummary';
