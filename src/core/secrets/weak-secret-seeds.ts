/**
 * Hand-written seeds for the built-in weak-secret list, curated by the JWT Lens project (not copied from
 * any public wordlist). weak-secrets.ts expands them with documented rules. Sources of the choices:
 * placeholder values found in framework templates and `.env.example` files, tutorial habits, common
 * passwords, and the words that appear in configuration keys (`JWT_SECRET`, `SIGNING_KEY`…).
 * Lists are whitespace-separated words, so they stay readable; entries with spaces are listed apart.
 */
const words = (text: string): string[] => text.trim().split(/\s+/);

/** Kept verbatim (plus case variants): defaults, placeholders and tutorial values. */
export const VERBATIM_SEEDS: readonly string[] = [
  '',
  'secret',
  ' ',
  'keyboard cat',
  // Unexpanded template placeholders shipped as the literal secret.
  '$' + '{JWT_SECRET}',
  '$JWT_SECRET',
  '%JWT_SECRET%',
  ...words(`
    secret changeme change-me change_me changethis change-this change_this changeit change-it
    change-this-secret change-me-in-production changeme123 replaceme replace-me replace_me
    replace-with-your-secret todo fixme tbd xxx xxxx placeholder default example sample demo test testing
    dev development local localhost prod production staging supersecret super-secret super_secret
    supersecretkey super-secret-key super_secret_key topsecret top-secret top_secret verysecret very-secret
    notsecret not-secret not-a-secret nosecret no-secret shhhhh shhhh shhh shh keyboardcat keyboard-cat
    your-256-bit-secret your-384-bit-secret your-512-bit-secret a-string-secret-at-least-256-bits-long
    your_jwt_secret your-jwt-secret yourjwtsecret your_jwt_secret_key your-jwt-secret-key your-secret
    your_secret yoursecret your-secret-key your_secret_key yoursecretkey your-secret-here your_secret_here
    your-super-secret your-super-secret-key your_super_secret_key secret-here secret_here insert-secret-here
    put-your-secret-here enter-your-secret enter-secret-here generate-a-secret random-secret randomsecret
    somesecret some-secret some_secret anysecret any-secret thisismysecret this-is-my-secret ThisIsMySecret
    thisisasecret this-is-a-secret thisisatest mysupersecret my-super-secret mysupersecretkey
    my-super-secret-key my_super_secret_key secretsecret secretpassword secret-password mysecretpassword
    jsonwebtoken json-web-token json_web_token jwt-token jwttoken jwt_token my-jwt-secret myjwtsecret
    my_jwt_secret s3cr3t s3cret secr3t S3cr3t $ecret p@ssw0rd P@ssw0rd P@$$w0rd passw0rd Passw0rd pa$$word
    hunter2 qwerty letmein welcome iloveyou trustno1 abc123 abcd1234 admin123 root toor guest login monkey
    dragon master sunshine princess football baseball shadow superman batman starwars pokemon hello
    helloworld hello-world hello_world HelloWorld foobar foo bar baz qux null undefined none nil false true
    empty blank string object NaN {} [] key1 key2 secret1 secret2 mykey my-key my_key thekey the-key
    masterkey master-key master_key secret-key-base secret_key_base SECRET_KEY_BASE ENV_SECRET
    process.env.JWT_SECRET env.JWT_SECRET super-secret-jwt-token-with-at-least-32-characters-long
    your-super-secret-jwt-token-with-at-least-32-characters-long
    cc7e0d44fd473002f1c42167459001140ec6389b7353f8088f4d9a95f2f596f2 AllYourBase my$ecretK3y Jefe gopher
    golang rustacean pythonista nodejs javascript typescript
  `),
];

/** Words that configuration keys and secrets are made of; combined pairwise and with affixes. */
export const WORD_SEEDS: readonly string[] = words(`
  secret key jwt token password pass auth api app admin access session signing sign private hmac test dev
  prod default master server backend user web service client refresh id login cookie encryption crypto hash
  salt config local my demo example
`);

/** Second words for pairs (`jwt` + `secret` → jwtsecret, jwt-secret, jwt_secret, jwtSecret, JWT_SECRET…). */
export const PAIR_TAILS: readonly string[] = words('secret key token pass password salt sign signing');

/** Framework, platform and product names that end up as secrets in quick-start code. */
export const NAME_SEEDS: readonly string[] = words(`
  node express django flask rails laravel spring springboot dotnet aspnet python java php ruby react angular
  vue svelte nest nestjs next nextjs nuxt strapi keystone loopback feathers hapi koa fastify fastapi supabase
  firebase hasura auth0 okta keycloak cognito gotrue directus ghost parse meteor sails adonis symfony yii gin
  echo fiber actix rocket phoenix docker kubernetes redis mongo mongodb postgres mysql graphql apollo prisma
  heroku vercel netlify aws azure google github gitlab jenkins wordpress
`);

/** Common numbers, keyboard walks and repeated characters. */
export const PATTERN_SEEDS: readonly string[] = words(`
  1 12 123 1234 12345 123456 1234567 12345678 123456789 1234567890 0123456789 0 00 000 0000 00000 000000
  0000000 00000000 111111 11111111 123123 123321 654321 987654321 9876543210 112233 121212 1212 1313 6969
  666666 696969 777777 888888 999999 147258369 159753 2580 13579 24680 314159 31415926 qwerty qwertyuiop
  qwerty123 qwertz azerty asdf asdfgh asdfghjkl zxcv zxcvbn zxcvbnm qazwsx 1qaz2wsx 1q2w3e 1q2w3e4r
  1q2w3e4r5t q1w2e3r4 q1w2e3r4t5 zaq12wsx !qaz2wsx qwe123 asd123 zxc123 qweasd qweasdzxc 1qazxsw2 abc abcd
  abcdef abcdefg abcdefgh abcdefghijklmnopqrstuvwxyz a aa aaa aaaa aaaaaa aaaaaaaa x xx xyz zzz zzzzzz
  test123 test1234 password1 password123 pass123 admin1
`);

/** Suffixes people append to words; years cover recent projects. */
export const SUFFIXES: readonly string[] = words(`
  1 12 123 1234 ! !! @ # $ 01 007 99 _1 -1 _123 -123 @123 2015 2016 2017 2018 2019 2020 2021 2022 2023 2024
  2025 2026
`);
