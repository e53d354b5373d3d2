import { loadConfig } from '../../config/app-config';
import { loggingParams, withoutQuery } from './logging';

describe('request logging', () => {
  it('logs the path of a request without its query string, where e-mailed links carry their tokens', () => {
    const params = loggingParams(loadConfig({ NODE_ENV: 'test' }, process.cwd()));
    const pinoHttp = params.pinoHttp as { serializers: { req: (req: unknown) => unknown } };
    const token = 'x'.repeat(43);
    expect(pinoHttp.serializers.req({ id: 'r1', method: 'GET', url: `/auth/reset-password?token=${token}` })).toEqual({
      id: 'r1',
      method: 'GET',
      url: '/auth/reset-password',
    });
    expect(
      JSON.stringify(pinoHttp.serializers.req({ id: 'r2', method: 'GET', url: `/graphql?query={me{id}}&variables={"t":"${token}"}` })),
    ).not.toContain(token);
  });

  it.each([
    ['/graphql', '/graphql'],
    ['/auth/verify-email?token=abc', '/auth/verify-email'],
    ['/?', '/'],
    ['/groups/a/events.ics?x=1?y=2', '/groups/a/events.ics'],
  ])('withoutQuery(%s) is %s', (url, path) => {
    expect(withoutQuery(url)).toBe(path);
  });
});
