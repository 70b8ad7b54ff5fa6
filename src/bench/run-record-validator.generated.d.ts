// Types of the generated validator (run-record-validator.generated.js, written by \`npm run schema:write\`).
declare const validate: (value: unknown) => boolean;
export default validate;
