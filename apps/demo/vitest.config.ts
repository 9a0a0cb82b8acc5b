import { sharedVitestConfig } from '../../tooling/vitest.shared.js';

export default sharedVitestConfig;
