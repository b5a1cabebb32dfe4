/** Keys and recipients of client-side encryption, recognised by form. */

export type EncryptionRecipients =
  | { method: 'age'; recipients: string[] }
  | { method: 'gpg'; armored: string[]; binary: Uint8Array[] };

export interface DecryptionKeys {
  /** AGE-SECRET-KEY-1… / AGE-SECRET-KEY-PQ-1… */
  age: string[];
  /** armored OpenPGP private key blocks */
  armored: string[];
  /** binary OpenPGP private keys (gpg --export-secret-keys without --armor) */
  binary: Uint8Array[];
  passphrase?: string;
}
