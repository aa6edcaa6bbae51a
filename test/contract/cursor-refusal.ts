/** How every listing of every adapter refuses a cursor it did not hand out: one 400, by name. */
export const InvalidCursorPattern = {
  name: 'ValidationError',
  issues: [
    {
      path: 'cursor',
      rule: 'cursor',
      message: 'must be the nextCursor of a previous page of the same listing',
    },
  ],
};
