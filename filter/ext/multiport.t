# multiport match
-4
*filter
:INPUT,FORWARD,OUTPUT
-p tcp -m multiport --dports 22,80:90,443;=
-p tcp -m multiport ! --sports 1,2;=
-p tcp -m multiport --ports http,ssh;-p tcp -m multiport --ports 80,22
-p tcp -m multiport ! --ports 1:1024;=
-p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15;=
-p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16;FAIL;too many ports specified
-p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15;=
-p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16;FAIL;too many ports specified
-p tcp -m multiport --dports 5:1;FAIL;invalid portrange specified
-p tcp -m multiport --dports 2:2;FAIL;invalid portrange specified
-p tcp -m multiport --dports 1,,2;FAIL;invalid port/service `' specified
-p tcp -m multiport --dports 65536;FAIL;invalid port/service `65536' specified
-p tcp -m multiport --dports 1,;FAIL;invalid port/service `' specified
-p tcp -m multiport --dports 0:65535;=
-p udp -m multiport --source-ports 1;-p udp -m multiport --sports 1
-p udp -m multiport --destination-ports 1;-p udp -m multiport --dports 1
-p tcp -m multiport --dports 1 --sports 2;FAIL;multiport: option "--source-ports" cannot be used together with "--destination-ports".
-p tcp -m multiport --dports 1 --dports 2;FAIL;multiport: option "--destination-ports" can only be used once.
-p tcp -m multiport;FAIL;multiport expection an option
-p icmp -m multiport --dports 1;FAIL;multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP
-p sctp -m multiport --dports 1;=
-p udplite -m multiport --dports 1;=
-p dccp -m multiport --dports 1;=
-p all -m multiport --dports 1;FAIL;multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'
-m multiport --dports 1;FAIL;multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'
! -p tcp -m multiport --dports 1;FAIL;multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP
-p 6 -m multiport --dports 1,2;-p tcp -m multiport --dports 1,2
-6
*filter
:INPUT,FORWARD,OUTPUT
-p tcp -m multiport --dports 22,80:90,443;=
-p udp -m multiport ! --ports 53;=
-m multiport --dports 1;FAIL;multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'
# packets
-4
*filter
:INPUT
-p tcp -m multiport --dports 22,80:90,443;=
>proto=tcp dport=22 flags=SYN;match
>proto=tcp dport=85 flags=SYN;match
>proto=tcp dport=91 flags=SYN;nomatch
>proto=tcp dport=443 flags=SYN;match
-p udp -m multiport ! --ports 53,123;=
>proto=udp sport=53 dport=9;nomatch
>proto=udp sport=1000 dport=123;nomatch
>proto=udp sport=1000 dport=124;match
-p tcp -m multiport --sports 1000:2000;=
>proto=tcp sport=1999 dport=1 flags=SYN;match
>proto=tcp sport=2999 dport=1500 flags=SYN;nomatch
