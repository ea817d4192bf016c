// The framework an application was created with (its integration guide), remembered per app in
// this browser; without one, a sensible default for the app's type. Also which app this tab has
// just created (its guide page then opens with a congratulation).
import { frameworks } from '../../guides/frameworks.js';

const frameworkPrefix = 'latch.console.framework.';
const createdKey = 'latch.console.just_created';
const defaultFramework = {
  Traditional: 'flask',
  SPA: 'react',
  Native: 'ios',
  MachineToMachine: 'm2m',
};

export function rememberFramework(appId, frameworkId) {
  try {
    localStorage.setItem(frameworkPrefix + appId, frameworkId);
  } catch {
    /* storage unavailable: the default for the type applies */
  }
}

export function frameworkFor(app) {
  let saved = null;
  try {
    saved = localStorage.getItem(frameworkPrefix + app.id);
  } catch {
    saved = null;
  }
  // A device-flow app has one guide, and no other app has it (as in Logto's guide drawer).
  const deviceFlow = Boolean(app.customClientMetadata?.isDeviceFlow);
  if (deviceFlow) return 'device-flow';
  const known = frameworks.find((f) => f.id === saved && f.type === app.type && !f.deviceFlow);
  return known ? known.id : (defaultFramework[app.type] ?? 'oidc-traditional');
}

export function rememberCreated(appId) {
  try {
    sessionStorage.setItem(createdKey, appId);
  } catch {
    /* storage unavailable: the guide page then shows without the congratulation */
  }
}

// True on the congratulation page of the application this tab has just created.
export function justCreated(appId) {
  try {
    return sessionStorage.getItem(createdKey) === appId;
  } catch {
    return false;
  }
}
