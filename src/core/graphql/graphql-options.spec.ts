import { DriverException } from '@mikro-orm/core';
import { loggable } from './graphql-options';

describe('loggable', () => {
  it('logs a database error by its codes and names, never its SQL (which holds the values)', () => {
    const sql = "insert into account (email, password_hash) values ('ada@example.org', '$argon2id$secret') - value too long";
    const error = new DriverException(Object.assign(new Error(sql), { code: '22001', table: 'account', routine: 'varchar' }));
    const logged = JSON.stringify(loggable(error));
    expect(logged).not.toContain('ada@example.org');
    expect(logged).not.toContain('argon2id');
    expect(JSON.parse(logged)).toMatchObject({ type: 'DriverException', code: '22001', table: 'account', routine: 'varchar' });
  });

  it('leaves any other error as it is', () => {
    const error = new TypeError('x is undefined');
    expect(loggable(error)).toBe(error);
  });
});
