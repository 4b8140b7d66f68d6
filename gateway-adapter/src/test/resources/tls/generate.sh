#!/bin/sh
# Regenerates the test-only TLS material of the plugin server's TLS tests (run once, from this folder).
# Two CAs; a server certificate for localhost and 127.0.0.1; a client certificate from each CA. Keys are
# PKCS#8 PEM, the server's also encrypted with the password "test-key-password". Valid for 100 years.
set -eu
days=36500
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
for ca in ca other-ca; do
  key $ca.key
  openssl req -x509 -new -key $ca.key -sha256 -days $days -subj "/CN=herald test $ca" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out $ca.pem
done
issue() { # name ca subject extensions
  key $1.key
  openssl req -new -key $1.key -subj "/CN=$3" -out $1.csr
  printf '%s\n' "$4" > $1.ext
  openssl x509 -req -in $1.csr -CA $2.pem -CAkey $2.key -CAcreateserial -sha256 -days $days -extfile $1.ext \
    -out $1.crt 2>/dev/null
  cat $1.crt $2.pem > $1.pem
  rm $1.csr $1.ext $1.crt
}
issue server ca localhost "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage=serverAuth"
issue client ca gateway "extendedKeyUsage=clientAuth"
issue other-client other-ca intruder "extendedKeyUsage=clientAuth"
openssl pkcs8 -topk8 -in server.key -v2 aes-256-cbc -v2prf hmacWithSHA256 -passout pass:test-key-password \
  -out server-encrypted.key
rm -f ca.key other-ca.key ca.srl other-ca.srl
