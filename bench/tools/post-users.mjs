// bench/import/run's per-request path: N users through Logto's POST /api/users with
// passwordDigest and passwordAlgorithm (Bcrypt), CONNS requests at a time, as a migration script
// without `latch import` would load them. Prints the seconds taken; exits 1 on any answer but 200.
//
// Usage: node post-users.mjs ORIGIN TOKEN N CONNS DIGEST
const [origin, token, total, conns, digest] = process.argv.slice(2);
const count = Number(total);
let next = 0;
let failed = 0;

async function worker() {
  while (next < count) {
    const i = next++;
    const response = await fetch(`${origin}/api/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `api_user_${i}`,
        primaryEmail: `api${i}@bulk.example.test`,
        name: `User ${i}`,
        passwordDigest: digest,
        passwordAlgorithm: 'Bcrypt',
      }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) failed += 1;
  }
}

const start = performance.now();
await Promise.all(Array.from({ length: Number(conns) }, worker));
const seconds = (performance.now() - start) / 1000;
if (failed > 0) {
  console.error(`post-users: ${failed} of ${count} requests failed`);
  process.exit(1);
}
console.log(seconds.toFixed(2));
