/** Spending dashboard and reports (issue 6). */
export const spendingContract = {};
