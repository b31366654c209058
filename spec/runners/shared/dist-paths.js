// The fixtures load essencia as a user would, by package name, from the build in dist/.
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..', 'dist');
exports.dist = {
  '^essencia$': join(root, 'index.js'),
  '^essencia/testing$': join(root, 'testing', 'index.js'),
};
