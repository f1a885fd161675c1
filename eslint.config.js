import antfu from '@antfu/eslint-config'

// Figures and times are written by src/format/ alone: no toFixed, no hand-made percent sign, no
// date pattern and no formatter of one's own anywhere else in the app or the service.
const formatting = [
  { selector: 'CallExpression[callee.property.name=/^(toFixed|toLocaleString|toLocaleDateString|toLocaleTimeString)$/]', message: 'Write figures through src/format/ (formatCount, formatDecimal, formatPercent…).' },
  { selector: 'CallExpression[callee.property.name=\'format\'][arguments.0.type=\'Literal\'][arguments.0.raw=/^[\'"]/], CallExpression[callee.property.name=\'format\'][arguments.0.type=\'TemplateLiteral\']', message: 'Date patterns live in src/format/time.ts.' },
  { selector: 'NewExpression[callee.object.name=\'Intl\'][callee.property.name=/^(NumberFormat|DateTimeFormat)$/]', message: 'src/format/ keeps one Intl formatter per locale and options.' },
  { selector: 'Literal[value=/^\\s*%$/], TemplateElement[value.raw=/^\\s*%/]', message: 'A share is written by formatPercent, its sign included.' },
]
const formattingScope = {
  ignores: [
    'src/format/**',
    // Messages may say "%" in words of their own.
    'src/i18n/**',
  ],
}

export default antfu(
  { vue: true, typescript: true, ignores: ['dist/**', 'schema/**', 'bench/results/**', '.ci/**'] },
  {
    name: 'cockpit/formatting',
    files: ['src/**/*.ts', 'src/**/*.vue', 'server/**/*.ts'],
    ...formattingScope,
    // antfu's own two first: a rule's options are replaced, not merged.
    rules: { 'no-restricted-syntax': ['error', 'TSEnumDeclaration[const=true]', 'TSExportAssignment', ...formatting] },
  },
  {
    name: 'cockpit/formatting-templates',
    files: ['src/**/*.vue'],
    ...formattingScope,
    rules: { 'vue/no-restricted-syntax': ['error', 'DebuggerStatement', 'LabeledStatement', 'WithStatement', ...formatting] },
  },
)
