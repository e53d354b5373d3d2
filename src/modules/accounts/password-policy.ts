/**
 * Passwords people pick first, lower-cased. Short on purpose: the length rule already rules out
 * most of the well-known lists; these are the ones that pass it.
 */
const COMMON_PASSWORDS = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '0123456789',
  '87654321',
  '11111111',
  '00000000',
  '12341234',
  '11223344',
  '1q2w3e4r',
  '1qaz2wsx',
  'q1w2e3r4',
  'qwertyui',
  'qwertyuiop',
  'asdfghjk',
  'zxcvbnm1',
  'qwerty123',
  'qwerty12',
  'qazwsxedc',
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'pa55word',
  'passpass',
  'iloveyou',
  'iloveyou1',
  'sunshine',
  'sunshine1',
  'princess',
  'princess1',
  'football',
  'football1',
  'baseball',
  'basketball',
  'superman',
  'batman123',
  'starwars',
  'trustno1',
  'whatever',
  'letmein1',
  'letmein123',
  'welcome1',
  'welcome123',
  'monkey123',
  'dragon123',
  'master123',
  'shadow123',
  'michael1',
  'jennifer',
  'jordan23',
  'computer',
  'internet',
  'abcd1234',
  'abc12345',
  'abcdefgh',
  'aa123456',
  'a1b2c3d4',
  'changeme',
  'changeme1',
  'default1',
  'admin123',
  'administrator',
  'secret123',
  'mypassword',
  'freedom1',
  'hello123',
  'charlie1',
  'qwerty1234',
  'loveme123',
  'blessed1',
  'godisgood',
  'jesus123',
  'soccer123',
  'chocolate',
  'butterfly',
  'liverpool',
  'arsenal1',
  'chelsea1',
  'mustang1',
  'corvette',
  'pokemon1',
  'minecraft',
  'fortnite',
  'nigeria1',
  'ghana123',
  'kenya123',
  'hometown',
  'hometown1',
  'hometown123',
  'python123',
  'pythonista',
  'developer',
  'javascript',
]);

/**
 * Why a new password is refused, or `undefined` when it is acceptable: 8 to 128 characters, not a
 * common password, not the e-mail address or display name.
 */
export function passwordProblem(
  password: string,
  context: { email?: string | null; displayName?: string | null } = {},
): string | undefined {
  const length = [...password].length;
  if (length < 8) return 'must be at least 8 characters long';
  if (length > 128) return 'must be at most 128 characters long';
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return 'is too common; choose another';
  if (new Set(lowered).size <= 2) return 'is too easy to guess; choose another';
  const personal = [context.email, context.email?.split('@')[0], context.displayName]
    .filter((value): value is string => Boolean(value && value.length >= 4))
    .map((value) => value.toLowerCase().replace(/\s+/g, ''));
  if (personal.includes(lowered.replace(/\s+/g, ''))) return 'must not be your e-mail address or name';
  return undefined;
}
