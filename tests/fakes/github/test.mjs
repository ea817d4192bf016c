// Lets `node --test tests/fakes/github/` find the self-test: Node 20 only picks up files named
// test.*, test-*, *.test.*, *-test.* or *_test.*, and fake_github.selftest.mjs is none of these.
import './fake_github.selftest.mjs';
