import { TransactionError } from '../errors';

/**
 * The error for a statement sent on a transaction whose callback has settled (work started inside it and left
 * running): refused, never run outside the transaction or inside a later one. Made only when such a statement comes.
 */
export function transactionEnded(): TransactionError {
  return new TransactionError('this transaction has already ended: a statement was sent after its callback settled');
}
