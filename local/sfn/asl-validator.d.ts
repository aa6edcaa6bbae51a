// asl-validator 4 ships JavaScript without type declarations; this is the part the runtime uses.
declare module 'asl-validator' {
  interface ValidationOptions {
    readonly checkPaths: boolean;
    readonly checkArn: boolean;
  }
  function validator(
    definition: unknown,
    options?: ValidationOptions,
  ): { isValid: boolean; errors: unknown[]; errorsText: (separator?: string) => string };
  export = validator;
}
