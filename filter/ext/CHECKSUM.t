# CHECKSUM target
-4
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-p udp --dport 68 -j CHECKSUM --checksum-fill;-p udp -m udp --dport 68 -j CHECKSUM --checksum-fill
-j CHECKSUM --checksum-fill;=
-j CHECKSUM;FAIL;CHECKSUM: option "--checksum-fill" must be specified
*filter
:INPUT
-j CHECKSUM --checksum-fill;FAIL;@commit
-6
*mangle
:POSTROUTING
-j CHECKSUM --checksum-fill;=
