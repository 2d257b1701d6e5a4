// HttpClient over https against a local OpenSSL server with a self-signed
// certificate: verification, insecure_skip_verify, SNI and keep-alive.
#include <doctest/doctest.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <future>
#include <mutex>

#include "net/http_client.h"
#include "raw_server.h"

using namespace apigw;
using namespace apigw::net;
using namespace apigw::net::testing;

namespace {

// A TLS server answering "secure" to every request, for as long as the client
// keeps the connection; it remembers the SNI names it saw.
class TlsServer {
 public:
  TlsServer() {
    key_ = EVP_EC_gen("P-256");
    cert_ = X509_new();
    X509_set_version(cert_, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert_), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert_), 3600);
    X509_set_pubkey(cert_, key_);
    X509_NAME* name = X509_get_subject_name(cert_);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                               0);
    X509_set_issuer_name(cert_, name);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
    X509_add_ext(cert_, san, -1);
    X509_EXTENSION_free(san);
    X509_sign(cert_, key_, EVP_sha256());
    ctx_ = SSL_CTX_new(TLS_server_method());
    SSL_CTX_use_certificate(ctx_, cert_);
    SSL_CTX_use_PrivateKey(ctx_, key_);
    raw_ = std::make_unique<RawServer>([this](int fd, int) { Serve(fd); });
  }
  ~TlsServer() {
    raw_.reset();
    SSL_CTX_free(ctx_);
    X509_free(cert_);
    EVP_PKEY_free(key_);
  }

  uint16_t port() const { return raw_->port(); }
  int accepted() const { return raw_->accepted(); }
  std::vector<std::string> sni() {
    std::lock_guard<std::mutex> l(mu_);
    return sni_;
  }

 private:
  void Serve(int fd) {
    timeval tv = {0, 300000};  // an idle kept-alive connection frees the thread soon
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    SSL* ssl = SSL_new(ctx_);
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) == 1) {
      const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
      {
        std::lock_guard<std::mutex> l(mu_);
        sni_.push_back(name ? name : "");
      }
      std::string in;
      char buf[4096];
      while (true) {
        int n = SSL_read(ssl, buf, sizeof buf);
        if (n <= 0) break;
        in.append(buf, static_cast<size_t>(n));
        size_t end;
        while ((end = in.find("\r\n\r\n")) != std::string::npos) {
          in.erase(0, end + 4);
          const char reply[] = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure";
          SSL_write(ssl, reply, sizeof reply - 1);
        }
      }
    }
    SSL_free(ssl);
  }

  EVP_PKEY* key_ = nullptr;
  X509* cert_ = nullptr;
  SSL_CTX* ctx_ = nullptr;
  std::mutex mu_;
  std::vector<std::string> sni_;
  std::unique_ptr<RawServer> raw_;  // last: its thread uses the members above
};

ClientResult Fetch(HttpClient& client, ClientRequest req) {
  std::promise<ClientResult> promise;
  client.Send(std::move(req), [&promise](ClientResult r) { promise.set_value(std::move(r)); });
  auto future = promise.get_future();
  REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  return future.get();
}

}  // namespace

TEST_CASE("client https: verification, skip-verify, SNI, reuse") {
  TlsServer server;
  Logger log(LogLevel::kOff);
  IoPool pool(2);
  pool.Start();
  {
    HttpClient client(pool, HttpClientOptions(), log);
    ClientRequest req;
    req.url = "https://localhost:" + std::to_string(server.port()) + "/s";

    ClientResult verified = Fetch(client, req);
    CHECK(verified.error_kind == ClientErrorKind::kTls);
    CHECK(verified.error_message.find("localhost") != std::string::npos);

    req.insecure_skip_verify = true;
    for (int i = 0; i < 3; ++i) {
      ClientResult r = Fetch(client, req);
      REQUIRE(r.ok());
      CHECK(r.response.status == 200);
      CHECK(r.response.body == "secure");
    }
    // One failed handshake, then one connection for the three requests.
    CHECK(server.accepted() == 2);
    std::vector<std::string> names = server.sni();
    REQUIRE(names.size() == 1);
    CHECK(names[0] == "localhost");

    ClientRequest by_ip;
    by_ip.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
    by_ip.insecure_skip_verify = true;
    REQUIRE(Fetch(client, by_ip).ok());
    names = server.sni();
    REQUIRE(names.size() == 2);
    CHECK(names[1] == "");  // no SNI for an IP literal
  }
  pool.Stop();
}
