// The client certificate family: GenerateClientCertificate,
// GetClientCertificate, GetClientCertificates, UpdateClientCertificate and
// DeleteClientCertificate. A ClientCertificate is stored as kind
// clientcertificate in the caller's region, keyed by its 6-character id
// (the CLI reference's example: "a1b2c3"), with a freshly generated
// self-signed RSA certificate that expires 365 days after its creation (the
// CLI reference's example: expirationDate - createdDate = 31536000). The data
// plane does not present it to backends.
//
// Not recorded, worded as the other apigateway identifiers are: a missing
// certificate is NotFoundException "Invalid Client Certificate identifier specified".
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/new_record_id.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/paging.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

constexpr int64_t kValiditySeconds = 365 * 24 * 3600;

Status InvalidCertificateId() { return Status::NotFound("Invalid Client Certificate identifier specified"); }

// A self-signed RSA-2048 certificate for `common_name`, valid from `now_s`
// for kValiditySeconds, PEM encoded; "" when OpenSSL fails.
std::string SelfSignedPem(const std::string& common_name, int64_t now_s) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) return "";
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), long(now_s));
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), time_t(now_s));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), time_t(now_s + kValiditySeconds));
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return "";
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  if (!out || PEM_write_bio_X509(out.get(), cert.get()) != 1) return "";
  char* data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, size_t(size));
}

OperationResult GenerateClientCertificate(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  APIGW_RETURN_IF_ERROR(CheckTagKeys(Member(input, "tags")));
  auto id = NewRecordId(deps.store, deps.ids, kind::kClientCertificate, ctx.region);
  if (!id.ok()) return id.status();
  const int64_t now_s = ctx.now_ms / 1000;
  std::string pem = SelfSignedPem(*id, now_s);
  if (pem.empty()) return Status::Internal("could not generate a client certificate");
  JsonDoc cert(rapidjson::kObjectType);
  JsonAlloc& a = cert.GetAllocator();
  SetString(cert, "clientCertificateId", *id, a);
  if (std::optional<std::string> description = GetString(input, "description"))
    SetString(cert, "description", *description, a);
  SetString(cert, "pemEncodedCertificate", pem, a);
  SetMember(cert, "createdDate", JsonValue(now_s), a);
  SetMember(cert, "expirationDate", JsonValue(now_s + kValiditySeconds), a);
  if (const JsonValue* tags = Member(input, "tags"); tags && tags->IsObject() && tags->MemberCount() > 0)
    SetMember(cert, "tags", JsonValue(*tags, a), a);
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kClientCertificate, ctx.region, *id, ToJson(cert)));
  return cert;
}

StatusOr<JsonDoc> LoadCertificate(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadDoc(deps.store, kind::kClientCertificate, ctx.region,
                 GetString(input, "clientCertificateId").value_or(""), InvalidCertificateId());
}

OperationResult GetClientCertificate(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  return LoadCertificate(deps, ctx, input);
}

OperationResult GetClientCertificates(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto certs = LoadAll(deps.store, kind::kClientCertificate, ctx.region);
  if (!certs.ok()) return certs.status();
  JsonDoc out(rapidjson::kObjectType);
  JsonValue items(rapidjson::kArrayType);
  for (const JsonDoc& cert : *certs) items.PushBack(JsonValue(cert, out.GetAllocator()), out.GetAllocator());
  APIGW_RETURN_IF_ERROR(ApiGatewayPage(input, items, out, "clientCertificateId"));
  return out;
}

const PatchRules& CertificatePatchRules() {
  static const PatchRules rules = [] {
    PatchRules r(PatchRules::ErrorStyle::kPathForOp);
    r.String("/description", "description");
    return r;
  }();
  return rules;
}

OperationResult UpdateClientCertificate(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto cert = LoadCertificate(deps, ctx, input);
  if (!cert.ok()) return cert.status();
  APIGW_RETURN_IF_ERROR(CertificatePatchRules().Apply(input, *cert, cert->GetAllocator()));
  APIGW_RETURN_IF_ERROR(deps.store.Put(kind::kClientCertificate, ctx.region,
                                       GetString(*cert, "clientCertificateId").value_or(""), ToJson(*cert)));
  return cert;
}

OperationResult DeleteClientCertificate(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto cert = LoadCertificate(deps, ctx, input);
  if (!cert.ok()) return cert.status();
  APIGW_RETURN_IF_ERROR(deps.store.Delete(kind::kClientCertificate, ctx.region,
                                          GetString(*cert, "clientCertificateId").value_or("")));
  return JsonDoc(rapidjson::kObjectType);
}

}  // namespace

void RegisterClientCertificates(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "GenerateClientCertificate", GenerateClientCertificate);
  AddHandler(table, deps, "GetClientCertificate", GetClientCertificate);
  AddHandler(table, deps, "GetClientCertificates", GetClientCertificates);
  AddHandler(table, deps, "UpdateClientCertificate", UpdateClientCertificate);
  AddHandler(table, deps, "DeleteClientCertificate", DeleteClientCertificate);
}

}  // namespace apigw::cp::apigateway
