#!/usr/bin/env node
// Validates one JSON document against a JSON schema (draft-07), fully offline.
// Usage: node check.js SCHEMA FILE [FILE...]
// Every other *.json file in the schema's folder is loaded as an extra schema, so that
// $ref to a sibling file (CycloneDX 1.6 refers to spdx.schema.json and jsf-0.82.schema.json) resolves.
// Exit codes: 0 valid, 1 invalid (errors on stderr), 2 usage or load error.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function main(argv) {
  if (argv.length < 2) {
    process.stderr.write('usage: node check.js SCHEMA FILE [FILE...]\n');
    return 2;
  }

  const [schemaPath, ...dataPaths] = argv.map((p) => path.resolve(p));
  let schema;
  try {
    schema = readJson(schemaPath);
  } catch (error) {
    process.stderr.write(`cannot read schema: ${error.message}\n`);
    return 2;
  }

  // strict: false because CycloneDX uses the non-standard "meta:enum" keyword.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // CycloneDX uses "iri-reference", which ajv-formats does not define; accept any string.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);

  const folder = path.dirname(schemaPath);
  for (const name of fs.readdirSync(folder).sort()) {
    const file = path.join(folder, name);
    if (name.endsWith('.json') && file !== schemaPath) {
      const extra = readJson(file);
      ajv.addSchema(extra, name);
    }
  }

  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    process.stderr.write(`cannot compile schema ${schemaPath}: ${error.message}\n`);
    return 2;
  }

  let status = 0;
  for (const dataPath of dataPaths) {
    let data;
    try {
      data = readJson(dataPath);
    } catch (error) {
      process.stderr.write(`${dataPath}: cannot read: ${error.message}\n`);
      status = 1;
      continue;
    }

    if (validate(data)) {
      process.stdout.write(`${dataPath}: valid\n`);
      continue;
    }

    status = 1;
    for (const error of validate.errors) {
      const where = error.instancePath || '/';
      process.stderr.write(`${dataPath}: ${where} ${error.message} ${JSON.stringify(error.params)}\n`);
    }
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
