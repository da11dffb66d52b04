import { hash, type Options, verify } from '@node-rs/argon2'
import { AppError } from '../errors.ts'

/** OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane. */
const ARGON2ID: Options = {
  // `Algorithm.Argon2id` is a const enum, which type stripping cannot inline.
  algorithm: 2 as NonNullable<Options['algorithm']>,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
}

export const MIN_PASSWORD_LENGTH = 10

/** Refuses passwords too short to resist guessing (`weak_password`). */
export function checkPasswordStrength(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'weak_password',
      `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
      { details: { minLength: MIN_PASSWORD_LENGTH } },
    )
  }
}

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2ID)

// Verified against when no account has the email, so a miss costs as long as a wrong password.
let dummy: Promise<string> | undefined

/** Whether `password` matches `stored`; with no stored hash, spends the same time and says no. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('not a real password, only for timing')
    await verify(await dummy, password).catch(() => false)
    return false
  }
  return verify(stored, password).catch(() => false)
}
