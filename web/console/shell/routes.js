// The console's routes: each path, the page module that draws it (loaded on first use) and the
// navigation entry it highlights.
import { route } from '../lib/router.js';

export function defineRoutes() {
  const page = (name) => () => import(`../pages/${name}.js`);
  const redirect = (to) => () =>
    Promise.resolve({
      default: (view, ctx) => ctx.navigate(to, { replace: true }),
    });
  route('', redirect('/console/get-started'), { nav: 'get-started' });
  route('/get-started', page('get_started'), { nav: 'get-started' });
  route('/applications', page('applications'), { nav: 'applications' });
  route('/applications/create', page('applications'), { nav: 'applications' });
  route('/applications/:id', page('application_details'), { nav: 'applications' });
  route('/applications/:id/:tab', page('application_details'), { nav: 'applications' });
  route('/applications/:id/guide/:framework', page('application_guide'), { nav: 'applications' });
  route('/api-resources', page('api_resources'), { nav: 'api-resources' });
  route('/api-resources/:id', page('api_resource_details'), { nav: 'api-resources' });
  route('/roles', page('roles'), { nav: 'roles' });
  route('/roles/:id', page('role_details'), { nav: 'roles' });
  route('/roles/:id/:tab', page('role_details'), { nav: 'roles' });
  const template = { nav: 'organization-template' };
  route('/organization-template', page('organization_template'), template);
  route('/organization-template/:tab', page('organization_template'), template);
  route(
    '/organization-template/organization-roles/:id',
    page('organization_role_details'),
    template,
  );
  route(
    '/organization-template/organization-roles/:id/:tab',
    page('organization_role_details'),
    template,
  );
  route('/organizations', page('organizations'), { nav: 'organizations' });
  route('/organizations/:id', page('organization_details'), { nav: 'organizations' });
  route('/organizations/:id/:tab', page('organization_details'), { nav: 'organizations' });
  route('/sign-in-experience', redirect('/console/sign-in-experience/sign-up-and-sign-in'), {
    nav: 'sign-in-experience',
  });
  route('/sign-in-experience/:tab', page('sign_in_experience'), { nav: 'sign-in-experience' });
  route('/mfa', page('mfa'), { nav: 'mfa' });
  route('/connectors', redirect('/console/connectors/social'), { nav: 'connectors' });
  route('/connectors/:kind', page('connectors'), { nav: 'connectors' });
  route('/connectors/:kind/:id', page('connector_details'), { nav: 'connectors' });
  const sso = { nav: 'enterprise-sso' };
  route('/enterprise-sso', page('enterprise_sso'), sso);
  route('/enterprise-sso/create', page('enterprise_sso'), sso);
  route('/enterprise-sso/:id', page('enterprise_sso_details'), sso);
  route('/enterprise-sso/:id/:tab', page('enterprise_sso_details'), sso);
  route('/users', page('users'), { nav: 'users' });
  route('/users/:id', page('user_details'), { nav: 'users' });
  route('/users/:id/:tab', page('user_details'), { nav: 'users' });
  route('/custom-jwt', page('custom_jwt'), { nav: 'custom-jwt' });
  route('/audit-logs', page('audit_logs'), { nav: 'audit-logs' });
  route('/webhooks', page('webhooks'), { nav: 'webhooks' });
  route('/webhooks/:id', page('webhook_details'), { nav: 'webhooks' });
  route('/webhooks/:id/:tab', page('webhook_details'), { nav: 'webhooks' });
  route('/audit-logs/:id', page('audit_log_details'), { nav: 'audit-logs' });
}
