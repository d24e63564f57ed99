import { randomInt } from 'node:crypto';

/** Letters and digits only: safe in URLs, shells, connection strings and env files. */
const ALPHABET =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A CSPRNG password; 40 characters of 62 symbols is about 238 bits. */
export function generatePassword(length = 40): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
