/**
 * The names Candor derives from its cookie name, so two configs on one site never share them:
 * the storage keys of the receipt and of the consent log's queue, and the channel on which a tab
 * tells the others that it stored a decision.
 *
 * @example
 * keys('candor_consent').receipt // 'candor_consent.receipt'
 */
export const keys = (name: string): { receipt: string; log: string; channel: string } => ({
  receipt: name + '.receipt',
  log: name + '.log',
  channel: 'candor:' + name
})
