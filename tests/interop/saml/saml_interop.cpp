// The command-line face of src/saml for the interop tests (tests/interop/saml.test.mjs), so
// pysaml2 can sit on the other side of every message. Usage:
//   latch_saml_interop COMMAND --name value ...
//   keygen            --cn --key FILE --cert FILE        writes a fresh RSA key and certificate
//   sp-metadata       --entity-id --acs-url --cert       prints SP metadata
//   idp-metadata      --entity-id --sso-url --cert       prints IdP metadata (Redirect and POST)
//   parse-idp-metadata --file                            prints what parse_idp_metadata read
//   parse-sp-metadata --file                             prints what parse_sp_metadata read
//   authn-request-url --entity-id --sso-url --acs-url --key --cert --relay-state
//                                                        prints {id, url}: a signed Redirect
//   response          --entity-id --key --cert --sp-entity-id --acs-url --in-response-to
//                     --name-id [--now]                  prints a base64 Response (POST)
//   accept-response   --file --idp-metadata --entity-id --acs-url --request-id
//                                                        prints what parse_response returned
// Exits 1 with the error's key and detail on stderr when the library refuses something.
#include <boost/json.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "core/clock.hpp"
#include "saml/binding.hpp"
#include "saml/certificate.hpp"
#include "saml/messages.hpp"
#include "saml/metadata.hpp"
#include "saml/signature.hpp"

namespace {

using namespace latch::saml;
using Args = std::map<std::string, std::string>;

[[noreturn]] void fail(const latch::Error& error) {
  std::cerr << error.key << ": " << error.description << " (" << error.detail << ")\n";
  std::exit(1);
}

template <class T>
T must(latch::Result<T> result) {
  if (!result) {
    fail(result.error());
  }
  return std::move(*result);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const std::string& arg(const Args& args, const std::string& name) {
  const auto found = args.find(name);
  if (found == args.end()) {
    std::cerr << "missing --" << name << "\n";
    std::exit(2);
  }
  return found->second;
}

// The current time, or --now (Unix seconds) when given (the fuzz seeds use a fixed time).
Instant now_of(const Args& args) {
  const auto given = args.find("now");
  return given == args.end() ? latch::SystemClock().now()
                             : Instant(std::chrono::seconds(std::stoll(given->second)));
}

SigningKey key_of(const Args& args) {
  return must(SigningKey::from_pem(read_file(arg(args, "key")), read_file(arg(args, "cert"))));
}

boost::json::array fingerprints(const std::vector<Certificate>& certificates) {
  boost::json::array out;
  for (const Certificate& certificate : certificates) {
    out.emplace_back(certificate.sha256_fingerprint());
  }
  return out;
}

void keygen(const Args& args) {
  const SigningKey key = generate_signing_key(
      {.common_name = arg(args, "cn"), .not_before = latch::SystemClock().now()});
  write_file(arg(args, "key"), key.private_key_pem());
  write_file(arg(args, "cert"), key.certificate().pem());
}

void sp_metadata(const Args& args) {
  std::cout << build_sp_metadata(
      {.entity_id = arg(args, "entity-id"),
       .acs_url = arg(args, "acs-url"),
       .name_id_formats = {std::string(uri::kNameIdEmail)},
       .signing_certificate = must(Certificate::parse(read_file(arg(args, "cert")))),
       .authn_requests_signed = true});
}

void idp_metadata(const Args& args) {
  std::cout << build_idp_metadata(
      {.entity_id = arg(args, "entity-id"),
       .sso_redirect_url = arg(args, "sso-url"),
       .sso_post_url = arg(args, "sso-url"),
       .signing_certificates = {must(Certificate::parse(read_file(arg(args, "cert"))))},
       .name_id_formats = {std::string(uri::kNameIdEmail)}});
}

void parse_idp(const Args& args) {
  const IdpMetadata idp = must(parse_idp_metadata(read_file(arg(args, "file"))));
  std::cout << boost::json::serialize(
      boost::json::object{{"entity_id", idp.entity_id},
                          {"sso_redirect_url", idp.sso_redirect_url},
                          {"sso_post_url", idp.sso_post_url},
                          {"fingerprints", fingerprints(idp.signing_certificates)}});
}

void parse_sp(const Args& args) {
  const SpMetadata sp = must(parse_sp_metadata(read_file(arg(args, "file"))));
  std::vector<Certificate> signing;
  if (sp.signing_certificate) {
    signing.push_back(*sp.signing_certificate);
  }
  std::cout << boost::json::serialize(boost::json::object{{"entity_id", sp.entity_id},
                                                          {"acs_url", sp.acs_url},
                                                          {"fingerprints", fingerprints(signing)}});
}

void authn_request_url(const Args& args) {
  const AuthnRequest request{.id = new_message_id(),
                             .issue_instant = latch::SystemClock().now(),
                             .issuer = arg(args, "entity-id"),
                             .destination = arg(args, "sso-url"),
                             .acs_url = arg(args, "acs-url"),
                             .name_id_format = std::string(uri::kNameIdEmail)};
  const std::string query =
      redirect_query(MessageParam::Request, build_authn_request(request), arg(args, "relay-state"));
  const std::string signed_query = must(sign_redirect_query(query, key_of(args)));
  std::cout << boost::json::serialize(boost::json::object{
      {"id", request.id}, {"url", redirect_url(request.destination, signed_query)}});
}

void response(const Args& args) {
  const Instant now = now_of(args);
  const ResponseParams params{.response_id = new_message_id(),
                              .assertion_id = new_message_id(),
                              .issue_instant = now,
                              .issuer = arg(args, "entity-id"),
                              .acs_url = arg(args, "acs-url"),
                              .in_response_to = arg(args, "in-response-to"),
                              .audience = arg(args, "sp-entity-id"),
                              .name_id = arg(args, "name-id"),
                              .name_id_format = std::string(uri::kNameIdEmail),
                              .authn_instant = now,
                              .session_index = new_message_id(),
                              .attributes = {{.name = "email", .values = {arg(args, "name-id")}},
                                             {.name = "groups", .values = {"admins", "staff"}}}};
  std::cout << post_encode(must(build_response(params, key_of(args))));
}

void accept_response(const Args& args) {
  const IdpMetadata idp = must(parse_idp_metadata(read_file(arg(args, "idp-metadata"))));
  const std::string xml = must(post_decode(read_file(arg(args, "file"))));
  const VerifiedAssertion assertion =
      must(parse_response(xml, {.idp_entity_id = idp.entity_id,
                                .idp_certificates = idp.signing_certificates,
                                .acs_url = arg(args, "acs-url"),
                                .sp_entity_id = arg(args, "entity-id"),
                                .in_response_to = arg(args, "request-id"),
                                .now = latch::SystemClock().now()}));
  boost::json::object attributes;
  for (const Attribute& attribute : assertion.attributes) {
    attributes[attribute.name] = boost::json::value_from(attribute.values);
  }
  std::cout << boost::json::serialize(boost::json::object{{"issuer", assertion.issuer},
                                                          {"name_id", assertion.name_id},
                                                          {"assertion_id", assertion.assertion_id},
                                                          {"attributes", attributes}});
}

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, void (*)(const Args&)> commands{
      {"keygen", keygen},
      {"sp-metadata", sp_metadata},
      {"idp-metadata", idp_metadata},
      {"parse-idp-metadata", parse_idp},
      {"parse-sp-metadata", parse_sp},
      {"authn-request-url", authn_request_url},
      {"response", response},
      {"accept-response", accept_response}};
  const auto command = argc > 1 ? commands.find(argv[1]) : commands.end();
  if (command == commands.end()) {
    std::cerr << "usage: latch_saml_interop COMMAND --name value ... (see the source)\n";
    return 2;
  }
  Args args;
  for (int i = 2; i + 1 < argc; i += 2) {
    args[std::string(argv[i]).substr(2)] = argv[i + 1];
  }
  command->second(args);
  return 0;
}
