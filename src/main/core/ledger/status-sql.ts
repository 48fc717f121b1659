import { OPEN_STATUSES } from '../../../shared/request-status';

/** `('pending', 'streaming')`: the open statuses as an SQL list, from the one definition of them. */
const OPEN_LIST = `(${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** A row whose call is still running (it holds a reservation); `alias` names the requests table in a join. */
export function openRowSql(alias?: string): string {
  return `${alias ? `${alias}.` : ''}status IN ${OPEN_LIST}`;
}

/** A row finalized exactly once: every status but the open ones. */
export function finalRowSql(alias?: string): string {
  return `${alias ? `${alias}.` : ''}status NOT IN ${OPEN_LIST}`;
}
