#!/usr/bin/env node
// The embedded DynamoDB-compatible server of `make run`: dynalite (Apache-2.0) on one address, its tables in
// LevelDB under --path, or in memory without it. Aegis starts it as a child process (EmbeddedAwsServers).
//
//   node server.js --port 8000 [--host 127.0.0.1] [--path data/dynamodb] [--exit-with-stdin]
//
// --exit-with-stdin: the process belongs to the one that started it. It ends when its standard input closes,
// which happens however that parent ends (SIGKILL included: the kernel closes the pipe), so no orphan keeps the
// port or the LevelDB lock. It then ignores SIGINT: a Ctrl-C reaches the whole process group, and the app, which
// still writes while its steps finish, closes the pipe itself once it is done.
'use strict'

const { parseArgs } = require('node:util')
const dynalite = require('dynalite')

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8000' },
    host: { type: 'string', default: '127.0.0.1' },
    path: { type: 'string' },
    'exit-with-stdin': { type: 'boolean', default: false },
  },
})

// Tables are ACTIVE at once (dynalite's default keeps them CREATING for 500 ms, and the SDK's table waiter then
// sleeps 20 s before looking again).
const server = dynalite({ path: args.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })

let stopping = false
function stop (why) {
  if (stopping) return
  stopping = true
  console.log(`embedded DynamoDB stopping (${why})`)
  // Closing the server closes LevelDB; a stuck close still ends the process.
  setTimeout(() => process.exit(0), 5000).unref()
  server.close(() => process.exit(0))
}

server.on('error', (err) => {
  console.error(`embedded DynamoDB failed: ${err.message}`)
  process.exit(1)
})

server.listen(Number(args.port), args.host, () => {
  const address = server.address()
  console.log(`embedded DynamoDB listening on ${address.address}:${address.port}` +
    (args.path ? `, data in ${args.path}` : ', in memory'))
})

process.on('SIGTERM', () => stop('SIGTERM'))
if (args['exit-with-stdin']) {
  process.on('SIGINT', () => {})
  process.stdin.on('end', () => stop('parent gone'))
  process.stdin.on('close', () => stop('parent gone'))
  process.stdin.on('error', () => stop('parent gone'))
  process.stdin.resume()
} else {
  process.on('SIGINT', () => stop('SIGINT'))
}
