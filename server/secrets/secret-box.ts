import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Raised when stored secrets cannot be decrypted with the configured master key. */
export class SecretKeyMismatchError extends Error {
  override readonly name = 'SecretKeyMismatchError';
}

/**
 * Authenticated encryption of secrets at rest: AES-256-GCM with a random 96-bit nonce per
 * value, stored as `v1.<nonce>.<ciphertext>.<tag>` (base64url). Tampering or a wrong key fails
 * the tag check instead of yielding garbage.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the master key must be 32 bytes (base64 of 32 random bytes)');
    this.key = key;
  }

  seal(plaintext: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', nonce, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string): string {
    const [version, nonce, body, tag] = sealed.split('.');
    if (version !== 'v1' || nonce === undefined || body === undefined || tag === undefined) {
      throw new SecretKeyMismatchError('a stored secret is not in the expected format');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretKeyMismatchError('the master key does not decrypt the stored secrets');
    }
  }
}
