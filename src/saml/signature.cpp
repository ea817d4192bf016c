#include "saml/signature.hpp"

#include <libxml/valid.h>
#include <openssl/evp.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>

#include <memory>

#include "saml/keys.hpp"

namespace latch::saml {
namespace {

struct DsigCtxFree {
  void operator()(xmlSecDSigCtx* ctx) const { xmlSecDSigCtxDestroy(ctx); }
};
using DsigCtxPtr = std::unique_ptr<xmlSecDSigCtx, DsigCtxFree>;

const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

Error invalid(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kSignatureInvalid, std::move(detail));
}

Error unsupported(std::string detail) {
  return keyed_error(Errc::InvalidRequest, keys::kUnsupportedAlgorithm, std::move(detail));
}

std::string algorithm_of(const xmlNode* node) { return attribute(node, "Algorithm").value_or(""); }

// The Reference's transforms: enveloped-signature, then optionally exclusive c14n; nothing else.
Result<void> check_transforms(const xmlNode* reference) {
  const xmlNode* transforms = first_child(reference, ns::kDsig, "Transforms");
  bool enveloped = false;
  for (const xmlNode* transform : element_children(transforms)) {
    const std::string algorithm = algorithm_of(transform);
    if (!is_element(transform, ns::kDsig, "Transform") ||
        (algorithm != alg::kEnveloped && algorithm != alg::kExcC14n)) {
      return unsupported("transform " + algorithm);
    }
    enveloped = enveloped || algorithm == alg::kEnveloped;
  }
  if (!enveloped) {
    return invalid("the reference is not an enveloped signature");
  }
  return ok();
}

// SignedInfo as SAML core §5.4 profiles it, read before xmlsec runs (xmlsec enforces the same
// algorithms again through its enabled-transform lists).
Result<void> check_signed_info(const xmlNode* signature, const std::string& id) {
  const xmlNode* signed_info = first_child(signature, ns::kDsig, "SignedInfo");
  const std::string c14n =
      algorithm_of(first_child(signed_info, ns::kDsig, "CanonicalizationMethod"));
  const std::string method = algorithm_of(first_child(signed_info, ns::kDsig, "SignatureMethod"));
  if (c14n != alg::kExcC14n) {
    return unsupported("canonicalization " + c14n);
  }
  if (method != alg::kRsaSha256 && method != alg::kEcdsaSha256) {
    return unsupported("signature method " + method);
  }
  const auto references = children(signed_info, ns::kDsig, "Reference");
  if (references.size() != 1 || attribute(references[0], "URI") != "#" + id) {
    return invalid("the signature must have one reference, to #" + id);
  }
  const std::string digest = algorithm_of(first_child(references[0], ns::kDsig, "DigestMethod"));
  if (digest != alg::kSha256) {
    return unsupported("digest " + digest);
  }
  return check_transforms(references[0]);
}

// A verification context that accepts only same-document references and our algorithms.
DsigCtxPtr restricted_context() {
  DsigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
  if (!ctx) {
    return ctx;
  }
  ctx->flags = XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS | XMLSEC_DSIG_FLAGS_STORE_SIGNEDINFO_REFERENCES;
  ctx->enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
  const bool enabled =
      xmlSecDSigCtxEnableReferenceTransform(ctx.get(), xmlSecOpenSSLTransformSha256Id) >= 0 &&
      xmlSecDSigCtxEnableReferenceTransform(ctx.get(), xmlSecTransformEnvelopedId) >= 0 &&
      xmlSecDSigCtxEnableReferenceTransform(ctx.get(), xmlSecTransformExclC14NId) >= 0 &&
      xmlSecDSigCtxEnableSignatureTransform(ctx.get(), xmlSecTransformExclC14NId) >= 0 &&
      xmlSecDSigCtxEnableSignatureTransform(ctx.get(), xmlSecOpenSSLTransformRsaSha256Id) >= 0 &&
      xmlSecDSigCtxEnableSignatureTransform(ctx.get(), xmlSecOpenSSLTransformEcdsaSha256Id) >= 0;
  return enabled ? std::move(ctx) : DsigCtxPtr();
}

// True when `certificate`'s key made `signature`, over exactly the one reference "#id".
bool verified_by(xmlNode* signature, const Certificate& certificate, const std::string& id) {
  DsigCtxPtr ctx = restricted_context();
  if (!ctx) {
    return false;
  }
  const std::string& der = certificate.der();
  ctx->signKey = xmlSecOpenSSLAppKeyLoadMemory(
      reinterpret_cast<const xmlSecByte*>(der.data()), static_cast<xmlSecSize>(der.size()),
      xmlSecKeyDataFormatCertDer, nullptr, nullptr, nullptr);
  if (!ctx->signKey || xmlSecDSigCtxVerify(ctx.get(), signature) < 0 ||
      ctx->status != xmlSecDSigStatusSucceeded ||
      xmlSecPtrListGetSize(&ctx->signedInfoReferences) != 1) {
    return false;
  }
  const auto* reference =
      static_cast<xmlSecDSigReferenceCtx*>(xmlSecPtrListGetItem(&ctx->signedInfoReferences, 0));
  return reference && reference->uri &&
         std::string_view(reinterpret_cast<const char*>(reference->uri)) == "#" + id;
}

// The ID attribute of `element` when it is the document's registered XML ID for its value.
Result<std::string> registered_id(xmlNode* element) {
  auto id = attribute(element, "ID");
  if (!id || id->empty()) {
    return invalid("the signed element has no ID");
  }
  const xmlAttr* registered = xmlGetID(element->doc, x(*id));
  if (!registered || registered->parent != element) {
    return invalid("the ID does not identify the signed element");
  }
  return *id;
}

// Registers `element`'s ID for a document being built; refuses an ID another element holds.
Result<std::string> ensure_id(xmlNode* element) {
  auto id = attribute(element, "ID");
  xmlAttr* attr = xmlHasNsProp(element, reinterpret_cast<const xmlChar*>("ID"), nullptr);
  if (!id || id->empty() || !attr) {
    return make_error(Errc::InvalidRequest, "the element to sign has no ID");
  }
  const xmlAttr* registered = xmlGetID(element->doc, x(*id));
  if (registered && registered != attr) {
    return keyed_error(Errc::InvalidRequest, keys::kDuplicateId, "ID " + *id + " is taken");
  }
  if (!registered && !xmlAddID(nullptr, element->doc, x(*id), attr)) {
    return make_error(Errc::Internal, "could not register the ID");
  }
  return *id;
}

// The xmlsec key for `key`: its private key and its certificate for KeyInfo.
xmlSecKeyPtr xmlsec_key(const SigningKey& key) {
  EVP_PKEY_up_ref(key.pkey());
  xmlSecKeyDataPtr data = xmlSecOpenSSLEvpKeyAdopt(key.pkey());
  if (!data) {
    EVP_PKEY_free(key.pkey());
    return nullptr;
  }
  xmlSecKeyPtr out = xmlSecKeyCreate();
  if (!out || xmlSecKeySetValue(out, data) < 0) {
    xmlSecKeyDataDestroy(data);
    xmlSecKeyDestroy(out);
    return nullptr;
  }
  const std::string& der = key.certificate().der();
  if (xmlSecOpenSSLAppKeyCertLoadMemory(out, reinterpret_cast<const xmlSecByte*>(der.data()),
                                        static_cast<xmlSecSize>(der.size()),
                                        xmlSecKeyDataFormatCertDer) < 0) {
    xmlSecKeyDestroy(out);
    return nullptr;
  }
  return out;
}

// The ds:Signature template, placed after the saml:Issuer child (or first).
xmlNode* signature_template(xmlNode* element, const std::string& id, bool rsa) {
  xmlNode* signature = xmlSecTmplSignatureCreateNsPref(
      element->doc, xmlSecTransformExclC14NId,
      rsa ? xmlSecOpenSSLTransformRsaSha256Id : xmlSecOpenSSLTransformEcdsaSha256Id, nullptr,
      reinterpret_cast<const xmlChar*>("ds"));
  if (!signature) {
    return nullptr;
  }
  xmlNode* issuer = first_child(element, ns::kAssertion, "Issuer");
  const auto elements = element_children(element);
  if (issuer) {
    xmlAddNextSibling(issuer, signature);
  } else if (!elements.empty()) {
    xmlAddPrevSibling(elements.front(), signature);
  } else {
    xmlAddChild(element, signature);
  }
  const std::string uri = "#" + id;
  xmlNode* reference = xmlSecTmplSignatureAddReference(signature, xmlSecOpenSSLTransformSha256Id,
                                                       nullptr, x(uri), nullptr);
  xmlNode* key_info = xmlSecTmplSignatureEnsureKeyInfo(signature, nullptr);
  if (!reference || !key_info ||
      !xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId) ||
      !xmlSecTmplReferenceAddTransform(reference, xmlSecTransformExclC14NId) ||
      !xmlSecTmplX509DataAddCertificate(xmlSecTmplKeyInfoAddX509Data(key_info))) {
    return nullptr;
  }
  return signature;
}

}  // namespace

bool has_signature(const xmlNode* element) {
  return first_child(element, ns::kDsig, "Signature") != nullptr;
}

Result<xmlNode*> verify_enveloped(xmlNode* element, std::span<const Certificate> trusted) {
  init_xml();
  const auto signatures = children(element, ns::kDsig, "Signature");
  if (signatures.empty()) {
    return keyed_error(Errc::InvalidRequest, keys::kSignatureMissing, "the element is not signed");
  }
  if (signatures.size() != 1) {
    return invalid("more than one signature on the element");
  }
  auto id = registered_id(element);
  if (!id) {
    return id.error();
  }
  if (auto shape = check_signed_info(signatures[0], *id); !shape) {
    return shape.error();
  }
  for (const Certificate& certificate : trusted) {
    if (verified_by(signatures[0], certificate, *id)) {
      return element;
    }
  }
  return invalid("no trusted certificate verifies the signature");
}

Result<void> sign_enveloped(xmlNode* element, const SigningKey& key) {
  init_xml();
  auto id = ensure_id(element);
  if (!id) {
    return id.error();
  }
  xmlNode* signature = signature_template(element, *id, key.is_rsa());
  DsigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
  if (signature && ctx) {
    ctx->signKey = xmlsec_key(key);
  }
  if (!signature || !ctx || !ctx->signKey || xmlSecDSigCtxSign(ctx.get(), signature) < 0) {
    if (signature) {
      xmlUnlinkNode(signature);
      xmlFreeNode(signature);
    }
    return make_error(Errc::Internal, "could not sign the SAML message", "xmlsec sign failed");
  }
  return ok();
}

}  // namespace latch::saml
